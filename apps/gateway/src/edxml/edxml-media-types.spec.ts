import express from 'express';
import request from 'supertest';
import { isEdxmlRequest, looksLikeEdxml, prefersEdxml } from './edxml-media-types';

describe('looksLikeEdxml', () => {
  it.each([
    ['<?xml version="1.0"?><edXML/>', true],
    ['\uFEFF  \n<edXML/>', true],
    ['{"from":{}}', false],
    [undefined, false],
  ])('%j → %s', (field, expected) => {
    expect(looksLikeEdxml(field)).toBe(expected);
  });
});

describe('prefersEdxml', () => {
  const withAccept = (accept: string | undefined) => {
    const app = express();
    app.get('/', (req, res) => res.json({ edxml: prefersEdxml(req) }));
    const test = request(app).get('/');
    return accept === undefined ? test : test.set('Accept', accept);
  };

  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/json', false],
    ['text/html', false],
    ['application/xml', true],
    ['text/xml', true],
    ['application/json;q=0.5, application/xml', true],
  ])('Accept %s → %s', async (accept, expected) => {
    expect((await withAccept(accept)).body).toEqual({ edxml: expected });
  });
});

describe('isEdxmlRequest', () => {
  const app = express();
  app.post('/', (req, res) => res.json({ edxml: isEdxmlRequest(req) }));

  it.each([
    ['application/xml', true],
    ['text/xml; charset=utf-8', true],
    ['application/json', false],
    ['multipart/form-data; boundary=B', false],
  ])('Content-Type %s → %s', async (type, expected) => {
    const response = await request(app).post('/').set('Content-Type', type).send('x');
    expect(response.body).toEqual({ edxml: expected });
  });
});
