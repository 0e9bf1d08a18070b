import { DirectoryRequestInvalidError } from '../directory.errors';
import {
  parseDirectoryRequest,
  registerAgencyRequest,
  updateAgencyRequest,
} from './directory-requests';

function refusalOf(parse: () => unknown): DirectoryRequestInvalidError {
  try {
    parse();
  } catch (error) {
    if (error instanceof DirectoryRequestInvalidError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

const issuesOf = (parse: () => unknown) => [...refusalOf(parse).issues];

describe('parsing a directory request body', () => {
  it('names a body-level issue (body), as every other route does', () => {
    const unknownField = issuesOf(() =>
      parseDirectoryRequest(registerAgencyRequest, { code: '000.00.00.H33', name: 'x', x: 1 }),
    );
    expect(unknownField.map((issue) => issue.path)).toEqual(['(body)']);
    const nothingToChange = issuesOf(() => parseDirectoryRequest(updateAgencyRequest, {}));
    expect(nothingToChange).toEqual([{ path: '(body)', message: 'nothing to change' }]);
  });

  it('names a field issue by the field, and quotes it in the Vietnamese message', () => {
    const error = refusalOf(() =>
      parseDirectoryRequest(registerAgencyRequest, { code: '000.00.00.H33' }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['name']);
    expect(error.messageVi).toContain('các trường cần sửa: name');
  });
});
