import { Module } from '@nestjs/common';
import { DispatchesModule } from '../dispatches/dispatches.module';
import { ReadTrailUseCase } from './read-trail.usecase';
import { TrailController } from './trail.controller';

@Module({
  imports: [DispatchesModule],
  controllers: [TrailController],
  providers: [ReadTrailUseCase],
})
export class TrailModule {}
