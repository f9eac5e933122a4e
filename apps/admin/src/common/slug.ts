/** A slug the API accepts (lower-case letters and digits in words joined by single hyphens), from any name. */
export const slugify = (name: string): string => {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || `n-${Date.now().toString(36)}`;
};
