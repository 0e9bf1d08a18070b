import { describe, expect, it } from '@jest/globals';
import { EMPTY_SEARCH, filterOf } from './audit-search-form';

describe('audit search form: the query it sends', () => {
  it('searches by actor, trimmed, as the audit route takes it; an empty field sends none', () => {
    const actor = 'CN=Văn thư, OU=000.00.00.G22, O=Văn phòng Chính phủ';
    expect(filterOf({ ...EMPTY_SEARCH, actor: `  ${actor} ` })).toMatchObject({ actor });
    expect(filterOf(EMPTY_SEARCH).actor).toBeUndefined();
  });
});
