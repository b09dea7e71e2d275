package io.continuum.abuse;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.infinispan.Cache;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket4j's buckets kept in a cache every node uses: a take reads the bucket's state and writes the new state
 * only if nobody changed it meanwhile (the cache's conditional replace, atomic on the entry's owner), else
 * Bucket4j tries again. So a source has one allowance, whichever nodes it talks to. The state is stored as
 * text: a conditional replace compares values with equals, which a byte array does not have.
 */
final class SharedBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final Cache<String, String> states;

    SharedBuckets(Cache<String, String> states) {
        super(ClientSideConfig.getDefault());
        this.states = states;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(states.get(key)).map(Base64.getDecoder()::decode);
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                String next = Base64.getEncoder().encodeToString(updated);
                return original == null
                        ? states.putIfAbsent(key, next) == null
                        : states.replace(key, Base64.getEncoder().encodeToString(original), next);
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("rate limits take tokens synchronously");
    }

    @Override
    public void removeProxy(String key) {
        states.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return states.removeAsync(key).thenApply(removed -> null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
