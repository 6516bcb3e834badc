package dev.blueprint.lang.model;

/** A member of an {@code api} block. */
public sealed interface ApiMember extends Node permits Resource, Route {}
