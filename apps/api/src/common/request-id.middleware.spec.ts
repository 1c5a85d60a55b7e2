import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdMiddleware } from './request-id.middleware';

describe('the access log', () => {
  it('names the request, its answer, its id and the client’s address, never the query string', () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const request = {
        method: 'POST',
        path: '/api/v1/auth/login',
        ip: '203.0.113.7',
        header: (name: string) => (name === 'x-request-id' ? 'login-1' : undefined),
      } as unknown as Request;
      const response = Object.assign(new EventEmitter(), {
        statusCode: 401,
        setHeader: jest.fn(),
      }) as unknown as Response;
      requestIdMiddleware(request, response, () => undefined);
      response.emit('finish');
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(
          /^POST \/api\/v1\/auth\/login 401 [\d.]+ms request=login-1 client=203\.0\.113\.7$/,
        ),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('leaves out a monitor’s healthy /health, not a failing one', () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      for (const statusCode of [200, 503]) {
        const request = { method: 'GET', path: '/health', ip: '127.0.0.1', header: () => undefined };
        const response = Object.assign(new EventEmitter(), { statusCode, setHeader: jest.fn() });
        requestIdMiddleware(request as unknown as Request, response as unknown as Response, () => undefined);
        response.emit('finish');
      }
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^GET \/health 503 /));
    } finally {
      logged.mockRestore();
    }
  });
});
