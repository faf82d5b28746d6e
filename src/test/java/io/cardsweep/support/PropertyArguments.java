package io.cardsweep.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line {@code --name=value} property arguments gathered from several sources, as a test's defaults and its overrides. */
public final class PropertyArguments {

    private PropertyArguments() {
    }

    /** The arguments of every group in order, where a later {@code --name=value} replaces an earlier one of the same name in its place. */
    @SafeVarargs
    public static List<String> merged(List<String>... groups) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (List<String> group : groups) {
            group.forEach(argument -> byName.put(argument.substring(0, argument.indexOf('=')), argument));
        }
        return new ArrayList<>(byName.values());
    }
}
