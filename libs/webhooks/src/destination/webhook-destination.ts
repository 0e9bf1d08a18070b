import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { WebhookDeactivation } from '@docaxis/persistence/webhook/webhook-deactivation';
import { WebhookDeactivationWording } from '@docaxis/persistence/webhook/webhook-deactivation-wording';
import type { WebhookAddressPolicy } from './webhook-address-policy';

/** Every address a host name resolves to (injectable: tests resolve names to chosen addresses). */
export type HostLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemHostLookup: HostLookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/** Injection token of the host resolver (tests resolve names to chosen addresses). */
export const WEBHOOK_HOST_LOOKUP = Symbol('WEBHOOK_HOST_LOOKUP');

/** Where a webhook POST may go: the address that was checked, to connect to and nowhere else. */
export interface CheckedDestination {
  readonly ok: true;
  readonly hostname: string;
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Why a destination was refused: its host is or resolves to a non-public address; its name does
 * not exist (NXDOMAIN, or no address); or the resolver could not answer now (a temporary failure:
 * EAI_AGAIN, SERVFAIL, time-out), which says nothing about the name.
 */
export type DestinationRefusal = 'not-public' | 'unresolvable' | 'lookup-failed';

export type RefusedDestination =
  | {
      readonly ok: false;
      readonly reason: 'not-public';
      /** For the agency and the delivery attempt's error: what was refused and why. */
      readonly message: string;
      /** The same in Vietnamese, for the agency's refused registration. */
      readonly messageVi: string;
      /** The same refusal as the webhook's deactivation, in English and Vietnamese. */
      readonly deactivation: WebhookDeactivation;
    }
  | {
      readonly ok: false;
      readonly reason: Exclude<DestinationRefusal, 'not-public'>;
      /** For the agency and the delivery attempt's error: what was refused and why. */
      readonly message: string;
      /** The same in Vietnamese, for the agency's refused registration. */
      readonly messageVi: string;
    };

/**
 * Resolves the URL's host and judges every address it has: one that is not public (and not
 * explicitly allowed) refuses the whole host, since a client could be sent to any of them.
 */
export async function checkWebhookDestination(
  url: URL,
  policy: WebhookAddressPolicy,
  lookup: HostLookup = systemHostLookup,
): Promise<CheckedDestination | RefusedDestination> {
  // URL keeps IPv6 literals in brackets: [::1].
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literalFamily = isIP(hostname);
  let addresses: { address: string; family: number }[];
  if (literalFamily !== 0) {
    addresses = [{ address: hostname, family: literalFamily }];
  } else {
    try {
      addresses = await lookup(hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code !== undefined && NAME_DOES_NOT_EXIST.has(code)
        ? unresolvable(hostname, code)
        : lookupFailed(hostname, code);
    }
  }
  if (addresses.length === 0) return unresolvable(hostname);
  const refused = addresses.find(({ address }) => !policy.permits(address));
  if (refused) {
    // A literal is the refused address itself; a name is worded with the address it resolved to.
    const deactivation = WebhookDeactivationWording.destinationNotPublic(
      hostname,
      refused.address === hostname ? undefined : refused.address,
    );
    return {
      ok: false,
      reason: 'not-public',
      message: deactivation.reason,
      messageVi: deactivation.reasonVi,
      deactivation,
    };
  }
  const [first] = addresses;
  return { ok: true, hostname, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * Resolver answers that mean the name has no address (getaddrinfo's EAI_NONAME and EAI_NODATA
 * both reach Node as ENOTFOUND; c-ares says ENOTFOUND or ENODATA). Anything else (EAI_AGAIN,
 * ESERVFAIL, ETIMEOUT, ECONNREFUSED from the resolver, an unknown code) is a failure to ask, not
 * an answer, so it is never reported as "does not exist".
 */
const NAME_DOES_NOT_EXIST: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA']);

/** `code`: the resolver's error code, when it gave one. */
function lookupFailed(hostname: string, code?: string): RefusedDestination {
  return {
    ok: false,
    reason: 'lookup-failed',
    message: `the webhook host ${hostname} could not be looked up just now (${code ?? 'lookup failed'})`,
    messageVi: `chưa tra cứu được máy chủ webhook ${hostname} lúc này (${code ?? 'không rõ nguyên nhân'})`,
  };
}

/** `code`: the resolver's error code; none when the name resolved to no address at all. */
function unresolvable(hostname: string, code?: string): RefusedDestination {
  return {
    ok: false,
    reason: 'unresolvable',
    message: `the webhook host ${hostname} does not resolve (${code ?? 'no address'})`,
    messageVi: `tên máy chủ webhook ${hostname} không phân giải được thành địa chỉ nào (${code ?? 'không có địa chỉ'})`,
  };
}
