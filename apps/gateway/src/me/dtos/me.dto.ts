import { ApiProperty } from '@nestjs/swagger';
import { CallerRole } from '../../auth/caller-role';

/** Who the presented client certificate says the caller is (GET /api/v1/me). */
export class MeDto {
  @ApiProperty({
    description: 'Agency code (mã định danh) from the certificate subject.',
    example: '000.00.00.G22',
  })
  agencyCode!: string;

  @ApiProperty({ example: 'Văn phòng Chính phủ' })
  agencyName!: string;

  @ApiProperty({ example: 'C=VN, O=Văn phòng Chính phủ, OU=000.00.00.G22, CN=Văn thư' })
  certificateSubject!: string;

  @ApiProperty({
    enum: CallerRole,
    isArray: true,
    description: 'Roles the certificate registration grants.',
  })
  roles!: CallerRole[];
}
