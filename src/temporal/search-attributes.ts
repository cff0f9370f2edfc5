import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Contract (DESIGN.md): operators filter the Temporal UI by these.
export const AgentAttribute = defineSearchAttributeKey('CountersignAgent', SearchAttributeType.KEYWORD);
export const ActionAttribute = defineSearchAttributeKey('CountersignAction', SearchAttributeType.KEYWORD);
export const TierAttribute = defineSearchAttributeKey('CountersignTier', SearchAttributeType.INT);
export const StateAttribute = defineSearchAttributeKey('CountersignState', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [AgentAttribute, ActionAttribute, TierAttribute, StateAttribute];
