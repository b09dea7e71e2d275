package io.continuum.decisions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.drools.ruleunits.api.DataHandle;
import org.drools.ruleunits.api.DataProcessor;
import org.drools.ruleunits.api.DataStore;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainerSessionsPool;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DRL rule unit compiled at run time. Each DataStore of the unit becomes an entry point
 * (inputs are inserted there) and a global (rules add their results to it); the outputs are
 * what the rules added, per store. Sessions come from a pool of the compiled KieBase instead of
 * a new one (agenda, entry points, node memories) per evaluation; disposing a pooled session
 * resets its facts, agenda, globals and listeners before the next evaluation takes it.
 */
public final class DrlPolicy implements CompiledPolicy {

    private static final int MAX_FIRINGS = 10_000;

    private final KieContainerSessionsPool sessions;
    private final Map<String, Class<?>> stores;
    private final java.util.Set<String> globals;
    private final ObjectMapper objectMapper;

    DrlPolicy(KieBase kieBase, KieContainerSessionsPool sessions, Map<String, Class<?>> stores,
              ObjectMapper objectMapper) {
        this.sessions = sessions;
        this.stores = stores;
        this.objectMapper = objectMapper;
        this.globals = kieBase.getKiePackages().stream()
                .flatMap(kiePackage -> kiePackage.getGlobalVariables().stream())
                .map(org.kie.api.definition.rule.Global::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Evaluation evaluate(Map<String, Object> inputs) {
        for (String name : inputs.keySet()) {
            if (!stores.containsKey(name)) {
                throw new PolicyEvaluationException("Unknown input '" + name + "'; the rule unit has " + stores.keySet());
            }
        }
        KieSession session = sessions.newKieSession();
        try {
            Map<String, CollectingStore> outputs = new LinkedHashMap<>();
            stores.keySet().stream().filter(globals::contains).forEach(name -> {
                CollectingStore store = new CollectingStore();
                outputs.put(name, store);
                session.setGlobal(name, store);
            });
            inputs.forEach((name, value) -> {
                List<?> facts = value instanceof List<?> list ? list : List.of(value);
                for (Object fact : facts) {
                    session.getEntryPoint(name).insert(toFact(fact, stores.get(name), name));
                }
            });
            List<Evaluation.FiredRule> fired = new ArrayList<>();
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(new Evaluation.FiredRule(event.getMatch().getRule().getName(),
                            event.getMatch().getRule().getPackageName(), ruleDescription(event)));
                }
            });
            int firings = session.fireAllRules(MAX_FIRINGS);
            if (firings == MAX_FIRINGS) {
                throw new PolicyEvaluationException("The rules fired " + MAX_FIRINGS + " times: they probably loop");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            outputs.forEach((name, store) -> {
                if (!store.added.isEmpty()) {
                    result.put(name, store.added.stream().map(item -> objectMapper.convertValue(item, Object.class)).toList());
                }
            });
            return new Evaluation(result, fired);
        } finally {
            session.dispose();
        }
    }

    private Object toFact(Object value, Class<?> type, String store) {
        try {
            return objectMapper.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new PolicyEvaluationException("Input '" + store + "' is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String ruleDescription(AfterMatchFiredEvent event) {
        Object description = event.getMatch().getRule().getMetaData().get("description");
        return description == null ? "" : description.toString();
    }

    /** What the rules add to a store; the unit's own store types are not needed at run time. */
    static final class CollectingStore implements DataStore<Object> {
        final List<Object> added = new ArrayList<>();

        @Override
        public DataHandle add(Object item) {
            added.add(item);
            return () -> item;
        }

        @Override
        public void update(DataHandle handle, Object item) {
            added.remove(handle.getObject());
            added.add(item);
        }

        @Override
        public void remove(DataHandle handle) {
            added.remove(handle.getObject());
        }

        @Override
        public void remove(Object item) {
            added.remove(item);
        }

        @Override
        public void subscribe(DataProcessor<Object> processor) {
            throw new UnsupportedOperationException("Run-time rule units only collect what rules add");
        }
    }
}
