import { CERTIFICATE_ROLES } from '@docaxis/persistence/agency/certificate-role';
import { CallerRole, callerRolesOf } from './caller-role';

describe('caller roles', () => {
  it('are exactly the roles the directory stores for a certificate', () => {
    expect([...Object.values(CallerRole)].sort()).toEqual([...CERTIFICATE_ROLES].sort());
  });

  it('ignore a stored value the gateway does not know, rather than granting anything', () => {
    expect(callerRolesOf(['clerk', 'superuser', 'ADMIN'])).toEqual([CallerRole.Clerk]);
  });
});
