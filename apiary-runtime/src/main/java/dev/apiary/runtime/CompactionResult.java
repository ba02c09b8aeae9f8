package dev.apiary.runtime;

/**
 * What one compaction of a frame did.
 *
 * @param frame {@code hive.box.frame}
 * @param cellsBefore live cells when the compaction started
 * @param cellsAfter live cells when it ended (appends committed meanwhile included)
 * @param cellsReplaced small cells the plan chose to rewrite
 * @param cellsWritten cells written in their place
 * @param commits groups committed
 * @param groupsLost groups dropped because another commit removed their cells first
 */
public record CompactionResult(
    String frame,
    int cellsBefore,
    int cellsAfter,
    int cellsReplaced,
    int cellsWritten,
    int commits,
    int groupsLost) {}
