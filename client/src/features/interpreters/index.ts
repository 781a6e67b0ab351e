export { InterpreterLinkControl } from './InterpreterLinkControl';
export { InterpreterLinkFields, type LinkDraft } from './InterpreterLinkFields';
export { interpreterLabel } from './interpreterText';
