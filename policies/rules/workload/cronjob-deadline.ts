/**
 * CronJobs set startingDeadlineSeconds. Without a deadline a run missed while the CronJob
 * controller was unavailable (or suspended) starts whenever it can, however late, possibly at a
 * time the job must not run; with one, a run later than the deadline is skipped and counted as
 * failed.
 *
 * Fields: spec.startingDeadlineSeconds
 */
import { obj } from '../../k8s';
import { defineRule } from '../../rule';

export const cronjobDeadline = defineRule({
  id: 'workload.cronjob-deadline',
  title: 'CronJobs set a starting deadline',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-011'],
  kinds: ['CronJob'],
  description:
    'A CronJob without startingDeadlineSeconds starts a missed run however late it is, so a nightly job can end up running in the middle of the day.',
  remediation: 'Set `spec.startingDeadlineSeconds` to how late a run may still start, e.g. 600.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/'],
  check(target) {
    if (typeof obj(target.object.spec).startingDeadlineSeconds === 'number') return [];
    return [
      {
        path: 'spec.startingDeadlineSeconds',
        message: `cron job "${target.object.metadata?.name ?? ''}" sets no startingDeadlineSeconds, so a missed run starts however late it is`,
      },
    ];
  },
});
