import express from 'express';
import { expressRequestWith as requestWith } from '@docaxis/testing/express-request';
import {
  declareResponseLanguage,
  ResponseLanguageInvalidError,
  responseLanguageOf,
} from './response-language';

describe('the language an answer is worded in', () => {
  it('takes ?lang first, then Accept-Language, else Vietnamese', () => {
    expect(responseLanguageOf(requestWith({}))).toBe('vi');
    expect(responseLanguageOf(requestWith({ 'accept-language': 'fr' }))).toBe('vi');
    expect(responseLanguageOf(requestWith({ 'accept-language': 'en-US,en;q=0.9' }))).toBe('en');
    expect(responseLanguageOf(requestWith({ 'accept-language': 'en' }, { lang: 'vi' }))).toBe('vi');
    expect(responseLanguageOf(requestWith({}, { lang: 'en' }))).toBe('en');
  });

  it('refuses an unsupported ?lang with a stable code', () => {
    expect(() => responseLanguageOf(requestWith({}, { lang: 'fr' }))).toThrow(
      ResponseLanguageInvalidError,
    );
    expect(() => responseLanguageOf(requestWith({}, { lang: ['en', 'vi'] }))).toThrow(
      expect.objectContaining({ code: 'REPORT_LANGUAGE_INVALID' }),
    );
  });

  it('says the language and that Accept-Language chose it, keeping what else varies', () => {
    const response = Object.create(express.response) as express.Response;
    const headers = new Map<string, string | number | readonly string[]>();
    Object.defineProperty(response, 'setHeader', {
      value: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    });
    Object.defineProperty(response, 'getHeader', {
      value: (name: string) => headers.get(name.toLowerCase()),
    });
    response.setHeader('Vary', 'Accept');
    declareResponseLanguage(response, 'en');
    expect(headers.get('content-language')).toBe('en');
    expect(headers.get('vary')).toBe('Accept, Accept-Language');
  });
});
