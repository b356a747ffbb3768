#!/usr/bin/env node
// A real graphql-ws client (protocol graphql-transport-ws) for the Java tests: one connection,
// one subscription, every event printed as one JSON object per line on stdout.
//
//   node subscribe.mjs --url ws://127.0.0.1:8081/graphql [--token TOKEN] [--upgrade-token TOKEN]
//        --query '<subscription document>' [--variables '<json object>'] [--keep-alive-ms N]
//
// Lines: {"type":"connected"}                  connection_ack received
//        {"type":"next","payload":{...}}       an execution result
//        {"type":"error","payload":[...]}      the server's error message for the subscription
//        {"type":"complete"}                   the server completed the subscription
//        {"type":"ping","received":bool}       keep-alive ping (received = sent by the server)
//        {"type":"pong","received":bool}       keep-alive pong
//        {"type":"closed","code":N,"reason":S} the socket closed; exits 0 (unless stopping)
//        {"type":"stopped"}                    after `stop` on stdin (or stdin closed): sent
//                                              `complete`, closed the socket; exits 0
//        {"type":"paused"} / {"type":"resumed"} after `pause` / `resume` on stdin: the client
//                                              stops / starts reading its socket (a stalled client)
//        {"type":"fatal","message":S}          bad arguments or an unexpected failure; exits 1
// Socket errors (e.g. connection refused) go to stderr; the "closed" line follows them.

import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const STOP_CLOSE_WAIT_MS = 2000;

let exiting = false;
let stopping = false;

function emit(line) {
    process.stdout.write(JSON.stringify(line) + '\n');
}

function exit(code) {
    if (exiting) return;
    exiting = true;
    process.stdout.write('', () => process.exit(code));
}

function fatal(err) {
    if (exiting) return;
    emit({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    exit(1);
}

process.on('unhandledRejection', fatal);
process.on('uncaughtException', fatal);

function isCloseEvent(value) {
    return value !== null && typeof value === 'object' && 'code' in value && 'reason' in value;
}

function describe(err) {
    if (isCloseEvent(err)) return `closed ${err.code} ${err.reason}`;
    if (typeof err?.message === 'string') return err.message;   // Error, or ws's ErrorEvent
    return JSON.stringify(err);
}

function parseOptions() {
    const { values } = parseArgs({
        options: {
            url: { type: 'string' },
            token: { type: 'string' },
            'upgrade-token': { type: 'string' },
            query: { type: 'string' },
            variables: { type: 'string' },
            'keep-alive-ms': { type: 'string', default: '0' },
        },
        strict: true,
        allowPositionals: false,
    });
    if (!values.url) throw new Error('--url is required');
    if (!values.query) throw new Error('--query is required');
    const keepAlive = Number(values['keep-alive-ms']);
    if (!Number.isInteger(keepAlive) || keepAlive < 0) {
        throw new Error(`--keep-alive-ms must be a whole number >= 0, got ${values['keep-alive-ms']}`);
    }
    let variables;
    if (values.variables !== undefined) {
        variables = JSON.parse(values.variables);
        if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
            throw new Error('--variables must be a JSON object');
        }
    }
    return {
        url: values.url, token: values.token, upgradeToken: values['upgrade-token'],
        query: values.query, variables, keepAlive,
    };
}

// Remembers the client's socket so that `pause` can stop reading it; sends `upgradeHeaders`
// (--upgrade-token) with the HTTP upgrade request, as server-side and native clients can.
let socket;
let upgradeHeaders;
class TrackedWebSocket extends WebSocket {
    constructor(url, protocols) {
        super(url, protocols, upgradeHeaders ? { headers: upgradeHeaders } : undefined);
        socket = this;
    }
}

function main() {
    const options = parseOptions();
    if (options.upgradeToken) upgradeHeaders = { Authorization: 'Bearer ' + options.upgradeToken };
    let onStopClosed = () => {};

    const client = createClient({
        url: options.url,
        webSocketImpl: TrackedWebSocket,
        connectionParams: options.token ? { Authorization: 'Bearer ' + options.token } : undefined,
        lazy: false,
        retryAttempts: 0,
        keepAlive: options.keepAlive,
        // a failed non-lazy connection is already reported by the "closed" line
        onNonLazyError: (err) => {
            if (!isCloseEvent(err)) process.stderr.write(`connection error: ${describe(err)}\n`);
        },
        on: {
            connected: () => emit({ type: 'connected' }),
            ping: (received) => emit({ type: 'ping', received }),
            pong: (received) => emit({ type: 'pong', received }),
            error: (err) => process.stderr.write(`socket error: ${describe(err)}\n`),
            closed: (event) => {
                emit({ type: 'closed', code: event?.code ?? null, reason: String(event?.reason ?? '') });
                if (stopping) onStopClosed();
                else exit(0);
            },
        },
    });

    const payload = options.variables === undefined
        ? { query: options.query }
        : { query: options.query, variables: options.variables };
    const unsubscribe = client.subscribe(payload, {
        next: (result) => emit({ type: 'next', payload: result }),
        error: (err) => {
            if (isCloseEvent(err)) return;            // the "closed" line reports it
            if (Array.isArray(err)) emit({ type: 'error', payload: err });
            else process.stderr.write(`subscription error: ${describe(err)}\n`);
        },
        complete: () => {
            if (!stopping) emit({ type: 'complete' });   // our own unsubscribe completes the sink too
        },
    });

    const stop = () => {
        if (stopping || exiting) return;
        stopping = true;
        // closed, or never connected: either way stop waiting after a short while
        const closedOrTimeout = new Promise((resolve) => {
            onStopClosed = resolve;
            setTimeout(resolve, STOP_CLOSE_WAIT_MS);
        });
        unsubscribe();                                // sends `complete` when the socket is open
        client.dispose().catch(() => {});             // closes the socket with 1000
        closedOrTimeout.then(() => {
            emit({ type: 'stopped' });
            exit(0);
        });
    };

    const stdin = createInterface({ input: process.stdin });
    stdin.on('line', (line) => {
        const command = line.trim();
        if (command === 'stop') stop();
        if (command === 'pause' && socket) {
            socket.pause();
            emit({ type: 'paused' });
        }
        if (command === 'resume' && socket) {
            socket.resume();
            emit({ type: 'resumed' });
        }
    });
    stdin.on('close', stop);                         // the parent went away: do not linger
}

try {
    main();
} catch (err) {
    fatal(err);
}
