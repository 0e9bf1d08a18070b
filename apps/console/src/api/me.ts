import { apiJson } from './api-client';

/** GET /api/v1/me: who the client certificate says the visitor is. */
export interface Me {
  agencyCode: string;
  agencyName: string;
  certificateSubject: string;
  roles: string[];
}

export const fetchMe = () => apiJson<Me>('/me');
