package dev.blueprint.lang.model;

/** A top-level declaration of a blueprint file. */
public sealed interface Decl extends Node
        permits ImportDecl, ServiceDecl, SettingsDecl, StoreDecl, EnumDecl, EntityDecl, ApiDecl {}
