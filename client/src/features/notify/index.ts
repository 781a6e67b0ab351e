export { CaseNotifications } from './CaseNotifications';
