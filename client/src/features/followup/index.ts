export { default as FollowUpPanel } from './FollowUpPanel';
export { OverdueList } from './OverdueList';
export { CaseFollowUp } from './CaseFollowUp';
