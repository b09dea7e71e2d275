package io.continuum.resolution;

import java.util.List;

/**
 * Writes the summary a Resolution keeps when it closes. The first-contact AI writes it (it reads the customers'
 * messages and phrases through the failsafes, and it already depends on Resolutions), so the Resolution asks for it
 * through this interface instead of depending on the AI back.
 */
public interface ClosingSummary {

    String of(Resolution resolution, List<ResolutionLink> links, List<ResolutionNote> notes);
}
