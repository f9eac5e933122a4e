/** react-admin's marker for an error message given as `{message, args}` (see ra-core's ValidationError). */
const MESSAGE_WITH_ARGS = '@@react-admin@@';

/**
 * A 400's field errors as the form shows them: each field's `code` (from the API's `codes`) as the
 * i18n key `errors.<code>`, with the server's own wording as the fallback when no translation has it.
 */
export const translatableFieldErrors = (
  errors: Record<string, string> | undefined,
  codes: Record<string, string> | undefined,
): Record<string, string> | undefined => {
  if (!errors || !codes) return errors;
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field,
      codes[field] ? `${MESSAGE_WITH_ARGS}${JSON.stringify({ message: `errors.${codes[field]}`, args: { _: message } })}` : message,
    ]),
  );
};
