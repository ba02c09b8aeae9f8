package dev.apiary.table;

/** The version written into commits as {@code engineInfo} ({@code Apiary/<version>}). */
public final class ApiaryVersion {
  public static final String VERSION = "0.1.0";

  private ApiaryVersion() {}
}
