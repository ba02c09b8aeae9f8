/**
 * Internal: the value domains TPC-H and SSB share (nations and regions, part and order
 * vocabularies, comment text, phone numbers and numbered names). Not a stable API.
 */
package dev.apiary.datagen.words;
