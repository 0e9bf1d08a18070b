import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_LANGUAGE,
  type LanguageStorage,
  messagesFor,
  rememberedLanguage,
  rememberLanguage,
} from './language-preference';

function memoryStorage(): LanguageStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

const refusingStorage = (): LanguageStorage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('console language preference', () => {
  it('is Vietnamese by default: nothing stored, something unknown stored, storage refused', () => {
    expect(DEFAULT_LANGUAGE).toBe('vi');
    const storage = memoryStorage();
    expect(rememberedLanguage(() => storage)).toBe('vi');
    storage.items.set('docaxis.console.language', 'fr');
    expect(rememberedLanguage(() => storage)).toBe('vi');
    expect(rememberedLanguage(refusingStorage)).toBe('vi');
  });

  it('switching to English is remembered, and English messages are what it shows', () => {
    const storage = memoryStorage();
    rememberLanguage(() => storage, 'en');
    expect(rememberedLanguage(() => storage)).toBe('en');
    expect(messagesFor('en').nav.verify).toBe('Verify signatures');
    rememberLanguage(() => storage, 'vi');
    expect(rememberedLanguage(() => storage)).toBe('vi');
    expect(messagesFor('vi').nav.verify).toBe('Kiểm tra chữ ký');
  });

  it('a storage that refuses the choice does not break the switch', () => {
    expect(() => rememberLanguage(refusingStorage, 'en')).not.toThrow();
  });
});
