package io.continuum.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.continuum.connectors.channel.StorableText;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Every string that comes in as JSON (request bodies, webhook payloads read as trees) or in a query
 * string is made storable before any feature sees it: PostgreSQL refuses NUL in text and jsonb, and a
 * hostile or broken client must get its request handled, not a 500 from the database.
 */
public final class StorableTextInput {

    private StorableTextInput() {
    }

    @Singleton
    public static class Json implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StringDeserializer() {
                @Override
                public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    return StorableText.clean(super.deserialize(parser, context));
                }
            }));
            mapper.setNodeFactory(new JsonNodeFactory() {
                @Override
                public TextNode textNode(String text) {
                    return super.textNode(StorableText.clean(text));
                }
            });
        }
    }

    /**
     * Bodies a resource reads as a string (CSV example imports, model uploads, declared as text, XML or plain
     * bytes): NUL is dropped once they are decoded. Raw bytes (signed webhooks) are left untouched.
     */
    @Provider
    public static class Bodies implements ReaderInterceptor {

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            Object body = context.proceed();
            return body instanceof String text && readAsText(context.getMediaType()) ? StorableText.clean(text) : body;
        }

        private static boolean readAsText(MediaType type) {
            return type != null && ("text".equals(type.getType()) || type.getSubtype().endsWith("xml")
                    || type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE));
        }
    }

    /** Query parameters (knowledge search, filters): a percent-encoded NUL is dropped from the request URI. */
    @Provider
    @PreMatching
    public static class Query implements ContainerRequestFilter {

        private static final Pattern ENCODED_NUL = Pattern.compile("%00");

        @Override
        public void filter(ContainerRequestContext request) {
            String raw = request.getUriInfo().getRequestUri().getRawQuery();
            if (raw != null && raw.contains("%00")) {
                URI uri = request.getUriInfo().getRequestUri();
                String cleaned = ENCODED_NUL.matcher(uri.toString()).replaceAll("");
                request.setRequestUri(URI.create(cleaned));
            }
        }
    }
}
