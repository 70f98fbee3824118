// Models' "Benchmark this device": training steps and decode on this browser's GPU, off the page's thread.
import { expose } from 'comlink';
import { installErrorTransport } from '../bridges/error-transport';
import { DeviceBench } from '../bench/device-bench';
import { readCachedOrFetch } from '../llm/web-llm/model-cache';

installErrorTransport();
expose(new DeviceBench(readCachedOrFetch));
