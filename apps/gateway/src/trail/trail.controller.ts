import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { type DispatchTrail, ReadTrailUseCase } from './read-trail.usecase';

@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
export class TrailController {
  constructor(private readonly readTrail: ReadTrailUseCase) {}

  /** GET /api/v1/dispatches/:id/trail — the audit timeline of one dispatch, for its parties. */
  @Get(':id/trail')
  trail(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
  ): Promise<DispatchTrail> {
    return this.readTrail.execute(id, agency.agencyCode);
  }
}
