export { default as FollowUpPanel } from './FollowUpPanel';
