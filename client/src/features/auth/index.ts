export { SignInForm } from './SignInForm';
export { SignOutButton } from './SignOutButton';
