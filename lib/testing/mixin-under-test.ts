import { isMixin, type Mixin, type RenderedMixin } from '../mixin/define-mixin.js';

/** What the mixin assertions of `grafts/testing` take: a mixin (rendered with its config) or one already rendered. */
export type MixinUnderTest<C extends object = object> = Mixin<C> | RenderedMixin<C>;

/** The rendered mixin: `render()` of a mixin, or the rendered mixin itself. @internal */
export function renderedOf<C extends object>(subject: MixinUnderTest<C>): RenderedMixin<C> {
  return isMixin(subject) ? (subject as Mixin<C>).render() : (subject as RenderedMixin<C>);
}
