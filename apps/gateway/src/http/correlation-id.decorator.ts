import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationIdFor } from '@docaxis/observability/correlation-id';

/** The request's correlation id (supplied by the caller or generated). */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const http = context.switchToHttp();
    return correlationIdFor(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>());
  },
);
