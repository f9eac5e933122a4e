export interface Role {
  actorId: string;
  title?: string;
  from?: string | null;
  to?: string | null;
}

/** The body a person spoke for on a date: the role held then (open ends count), the latest-started first. */
export function roleOnDate(roles: Role[] | null | undefined, date: string | null | undefined): Role | undefined {
  if (!date) return undefined;
  return (roles ?? [])
    .filter((role) => (!role.from || role.from <= date) && (!role.to || date <= role.to))
    .sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''))[0];
}
