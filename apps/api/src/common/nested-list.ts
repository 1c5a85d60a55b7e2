import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

/**
 * A body field that is a list of objects of one class, each checked by that class's rules. An item
 * that is no object (a list, a text, a number) is refused by the field's name: `ValidateNested` alone
 * checks a list inside the list by its items, so `[[]]` would pass with nothing checked and reach
 * the service as it came (the fuzzer found `roles: [[]]` answered 500).
 */
export function NestedList(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsObject({ each: true, message: ({ property }) => `each item of ${property} must be an object` }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
