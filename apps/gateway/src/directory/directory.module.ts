import { Module } from '@nestjs/common';
import { AgencyCertificatesUseCase } from './agency-certificates.usecase';
import { AgencyDirectoryController } from './agency-directory.controller';
import { CertificateRegistrationCheck } from './certificate-registration-check';
import { ChangeAgencyStatusUseCase } from './change-agency-status.usecase';
import { DirectoryChangeRecorder } from './directory-change-recorder';
import { ReadDirectoryUseCase } from './read-directory.usecase';
import { RegisterAgencyUseCase } from './register-agency.usecase';
import { UpdateAgencyUseCase } from './update-agency.usecase';

/** The agency directory's admin API. */
@Module({
  controllers: [AgencyDirectoryController],
  providers: [
    ReadDirectoryUseCase,
    RegisterAgencyUseCase,
    UpdateAgencyUseCase,
    ChangeAgencyStatusUseCase,
    AgencyCertificatesUseCase,
    CertificateRegistrationCheck,
    DirectoryChangeRecorder,
  ],
})
export class DirectoryModule {}
