export { SignInForm } from './SignInForm';
export { SignOutButton } from './SignOutButton';
export { useSession } from './useSession';
