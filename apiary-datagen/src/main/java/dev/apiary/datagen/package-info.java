/** Deterministic generators of benchmark data (SSB, TPC-H) as Arrow streams, and their queries. */
package dev.apiary.datagen;
