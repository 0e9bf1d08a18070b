import { commaSeparatedList } from './comma-separated-list';

describe('commaSeparatedList', () => {
  it('reads the trimmed, non-empty entries', () => {
    expect(commaSeparatedList().parse(' a, b ,,c ,')).toEqual(['a', 'b', 'c']);
    expect(commaSeparatedList().parse(' , ')).toEqual([]);
  });

  it('reads its fallback when the variable is unset', () => {
    expect(commaSeparatedList().parse(undefined)).toEqual([]);
    expect(commaSeparatedList('x,y').parse(undefined)).toEqual(['x', 'y']);
  });
});
