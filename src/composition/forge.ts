/**
 * The pipeline on Forge: Jira through `requestJira` as the app, `@forge/kvs`, the `setdiba-jobs`
 * queue. Built once per function instance (Forge reuses warm instances).
 */
import api from '@forge/api';
import { ForgeJobQueue } from '../adapters/forge/events-job-queue';
import { ForgeKeyValueStore } from '../adapters/forge/kvs-key-value-store';
import { asAppTransport } from '../adapters/forge/request-jira-transport';
import { JiraClient } from '../adapters/jira/jira-client';
import { PIPELINE_QUEUE, type PipelineJob } from '../usecases/process-ticket/job';
import { buildPipeline, type Pipeline } from './pipeline';

let instance: Pipeline | null = null;

export function forgePipeline(): Pipeline {
  instance ??= buildPipeline({
    jira: new JiraClient(asAppTransport()),
    kvs: new ForgeKeyValueStore(),
    queue: new ForgeJobQueue<PipelineJob>(PIPELINE_QUEUE),
    // Calls to the http integration backend go through Forge's fetch, which enforces the manifest's egress.
    fetch: (url, init) => api.fetch(url, init),
    log: {
      info: (message, data) => console.log(message, JSON.stringify(data ?? {})),
      warn: (message, data) => console.warn(message, JSON.stringify(data ?? {})),
    },
  });
  return instance;
}
