export { BoardPanel } from './BoardPanel';
export { FieldFacts } from './ItemDetails';
