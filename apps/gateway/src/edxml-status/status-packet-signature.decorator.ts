import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StatusPacketSignature } from './status-packet-signature';

/** A request whose body was a status packet: its signature, set by StatusPacketBodyInterceptor. */
export interface RequestWithStatusPacketSignature {
  statusPacketSignature?: StatusPacketSignature;
}

/**
 * The posted status packet's signature report; undefined for a JSON notice. Carried beside the
 * body, never in it, so a JSON client cannot claim one.
 */
export const PostedPacketSignature = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StatusPacketSignature | undefined =>
    context.switchToHttp().getRequest<RequestWithStatusPacketSignature>().statusPacketSignature,
);
