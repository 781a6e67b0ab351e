export { default as RoomScreen, type RoomScreenProps } from './RoomScreen';
export { useCall, useMaybeCall, useCallVersion } from './call/CallContext';
export type { PartyTotals } from './call/talkTime';
export { floorStatus } from './floorText';
export { default as CallStage } from './call/CallStage';
