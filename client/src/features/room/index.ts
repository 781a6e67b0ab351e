export { default as RoomScreen } from './RoomScreen';
export { useMaybeCall } from './call/CallContext';
export { floorStatus } from './floorText';
export { default as CallStage } from './call/CallStage';
export { PeopleList } from './PeopleList';
export { Tabs, type TabDef } from './Tabs';
