package io.continuum.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.cluster.ProcessTimerFirings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kie.kogito.job.http.recipient.HttpJobExecutor;
import org.kie.kogito.job.recipient.common.http.HTTPRequest;
import org.kie.kogito.jobs.service.api.recipient.http.HttpRecipient;
import org.kie.kogito.jobs.service.exception.JobExecutionException;
import org.kie.kogito.jobs.service.model.JobDetails;
import org.kie.kogito.jobs.service.model.JobExecutionResponse;

import java.net.URI;
import java.time.Instant;

/**
 * The two HTTP clients of Kogito's timers, made to send the internal-callers secret: the process
 * runtime's client that schedules and cancels jobs ({@code /v2/jobs}; Kogito uses a provided
 * {@link WebClient} bean when there is one) and the jobs service's executor that fires a due timer
 * back ({@code /management/jobs/...}; it replaces Kogito's own {@link HttpJobExecutor}, excluded
 * in application.properties). A stop waits for the first one's requests ({@link TimerRequestsInFlight}).
 */
@ApplicationScoped
public class InternalJobsClients {

    @Produces
    @Singleton
    WebClient jobsServiceClient(Vertx vertx, InternalCallers internalCallers, TimerRequestsInFlight inFlight,
                                @ConfigProperty(name = "kogito.jobs-service.url") String jobsServiceUrl) {
        URI jobsService = URI.create(jobsServiceUrl);
        WebClient client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(jobsService.getHost())
                .setDefaultPort(jobsService.getPort() > 0 ? jobsService.getPort()
                        : "https".equals(jobsService.getScheme()) ? 443 : 80)
                .setSsl("https".equals(jobsService.getScheme())));
        return inFlight.track(WebClientSession.create(client).addHeader(InternalCallers.HEADER, internalCallers.secret()));
    }

    /**
     * Kogito's HTTP job executor whose requests carry the secret, and which fires a process timer on this node: the
     * timer's address names the node that scheduled it, which may be gone (killed, scaled down), while every node
     * can trigger any process instance's timer (instances live in the shared database). Several nodes may hold the
     * same timer; only the one whose claim wins triggers the process ({@link ProcessTimerFirings}).
     */
    @Singleton
    public static class AuthenticatedHttpJobExecutor extends HttpJobExecutor {

        /** Where Kogito's process-management add-on takes a process timer's trigger, on every node. */
        private static final String PROCESS_TIMER_PATH = "/management/jobs/";

        private final InternalCallers internalCallers;
        private final ProcessTimerFirings firings;
        private final URI thisNode;

        AuthenticatedHttpJobExecutor(@ConfigProperty(name = "kogito.job.recipient.http.timeout-in-millis") long timeout,
                                     io.vertx.mutiny.core.Vertx vertx, ObjectMapper objectMapper,
                                     InternalCallers internalCallers, ProcessTimerFirings firings,
                                     @ConfigProperty(name = "kogito.service.url") String serviceUrl) {
            super(timeout, vertx, objectMapper);
            this.internalCallers = internalCallers;
            this.firings = firings;
            this.thisNode = URI.create(serviceUrl);
        }

        @Override
        public Uni<JobExecutionResponse> execute(JobDetails job) {
            if (!firesAProcessTimer(getRecipient(job).getUrl())) {
                return super.execute(job);
            }
            Instant dueAt = job.getTrigger().hasNextFireTime().toInstant();
            return Uni.createFrom().item(() -> firings.claim(job.getId(), dueAt)).chain(claim -> switch (claim) {
                case FIRE -> super.execute(job)
                        // the answer arrives on an event loop; recording it is a blocking database call
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().call(fired -> Uni.createFrom().item(() -> {
                            firings.fired(job.getId(), dueAt);
                            return fired;
                        }))
                        .onFailure().call(failed -> Uni.createFrom().item(() -> {
                            firings.release(job.getId(), dueAt);
                            return failed;
                        }));
                case FIRED_ELSEWHERE -> Uni.createFrom().item(JobExecutionResponse.builder().jobId(job.getId())
                        .code("200").message("fired by another node").now().build());
                // the jobs service retries it after its back-off: by then it was fired or released
                case FIRING_ELSEWHERE -> Uni.createFrom().failure(
                        new JobExecutionException(job.getId(), "another node is firing this timer"));
            });
        }

        private static boolean firesAProcessTimer(String url) {
            String path = URI.create(url).getRawPath();
            return path != null && path.startsWith(PROCESS_TIMER_PATH);
        }

        @Override
        protected HTTPRequest buildRequest(HttpRecipient<?> recipient, String limit) {
            HTTPRequest request = super.buildRequest(recipient, limit);
            URI target = URI.create(request.getUrl());
            if (!firesAProcessTimer(request.getUrl())) {
                return request;
            }
            String onThisNode = thisNode.getScheme() + "://" + thisNode.getRawAuthority() + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            return HTTPRequest.builder().url(onThisNode).method(request.getMethod()).headers(request.getHeaders())
                    .queryParams(request.getQueryParams()).body(request.getBody()).build();
        }

        @Override
        public io.vertx.mutiny.ext.web.client.WebClient createClient() {
            return io.vertx.mutiny.ext.web.client.WebClientSession.create(super.createClient())
                    .addHeader(InternalCallers.HEADER, internalCallers.secret());
        }
    }
}
