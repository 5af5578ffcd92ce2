package io.traveler.shared.jobs;

/**
 * What is wrong with one row (or unit) of a job's input: its number (from 1; 0 for the input as a whole), the field
 * when one is to blame, and why.
 */
public record RowError(long row, String field, String message) {}
