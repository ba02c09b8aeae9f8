/**
 * Internal: the Arrow plumbing shared by the generators. A table is a list of {@link
 * dev.apiary.datagen.rows.Column}s and a factory of {@link dev.apiary.datagen.rows.RowSource}s; its
 * reader fills one batch at a time through a {@link dev.apiary.datagen.rows.RowWriter}, and {@link
 * dev.apiary.datagen.rows.RowRandom} seeds every row on its own so that data never depends on batch
 * size or generation order. Not a stable API.
 */
package dev.apiary.datagen.rows;
