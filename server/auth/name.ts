/** The longest display name a person can give; the sign-up form's maxLength and the server's bound both use it. */
export const NAME_MAX_LENGTH = 60;
