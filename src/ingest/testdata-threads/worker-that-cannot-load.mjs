// A feed-processing thread entry that fails as it loads, as a broken install would (process-pool-node.test.ts).
throw new Error('this thread cannot load');
