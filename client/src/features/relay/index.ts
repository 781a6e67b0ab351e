export { RelaySection } from './RelaySection';
export { CaseRelay } from './CaseRelay';
