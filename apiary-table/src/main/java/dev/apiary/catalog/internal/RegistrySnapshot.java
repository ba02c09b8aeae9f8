package dev.apiary.catalog.internal;

/**
 * What a catalog instance knows about the registry.
 *
 * @param latestVersion the newest state file that exists; the next change is written as {@code
 *     latestVersion + 1}
 * @param state the newest state that could be read, normally version {@code latestVersion}, older
 *     if newer files are corrupt
 */
public record RegistrySnapshot(long latestVersion, StateRecord state) {}
