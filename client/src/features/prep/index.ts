// Before the joint meeting (issue 15): the case page's preparation, the person's link page, and
// what the facilitators' room shows (the lead mounts GateChecklist and PrepHints there).
export { CasePrep } from './case/CasePrep';
export { MeetingPrep } from './case/MeetingPrep';
export { NewMeetingOfKind } from './case/NewMeetingOfKind';
export { ConsentGate } from './link/ConsentGate';
export { LinkPrepSection } from './link/LinkPrepSection';
export { GateChecklist } from './room/GateChecklist';
export { PrepHints } from './room/PrepHints';
