export { BoardPanel } from './BoardPanel';
export { ConsentState, FieldFacts } from './ItemDetails';
